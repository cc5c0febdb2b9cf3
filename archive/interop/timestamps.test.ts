import { describe, expect, it } from 'vitest';
import { fromEpoch, fromWebkitMicros, normaliseDate } from './timestamps';

describe('timestamps', () => {
  it('guesses the unit of an epoch number from its size', () => {
    expect(fromEpoch('1456433748')).toBe('2016-02-25T20:55:48.000Z');
    expect(fromEpoch(1515515697780)).toBe('2018-01-09T16:34:57.780Z');
    expect(fromEpoch('1515515697780642')).toBe('2018-01-09T16:34:57.780Z');
    expect(fromEpoch('0')).toBeNull();
    expect(fromEpoch('soon')).toBeNull();
  });

  it('reads Chrome WebKit microseconds', () => {
    expect(fromWebkitMicros('13118850929335823')).toBe('2016-09-20T13:15:29.335Z');
  });

  it('keeps plain dates, reads offsets, Apache dates and zone-less times as UTC', () => {
    expect(normaliseDate('2024-10-06')).toBe('2024-10-06');
    expect(normaliseDate('2016-09-08T11:55:58+0200')).toBe('2016-09-08T09:55:58.000Z');
    expect(normaliseDate('2015-09-09 11:10:32 UTC')).toBe('2015-09-09T11:10:32.000Z');
    expect(normaliseDate('10/Oct/2000:13:55:36 -0730')).toBe('2000-10-10T21:25:36.000Z');
    expect(normaliseDate('2016-08-01T05:24:16')).toBe('2016-08-01T05:24:16.000Z');
    expect(normaliseDate('Tue, 01 Oct 2024 10:00:00 GMT')).toBe('2024-10-01T10:00:00.000Z');
    expect(normaliseDate('not a date')).toBeNull();
    expect(normaliseDate(null)).toBeNull();
  });
});
