// Test support for component tests (jsdom): `window.dossier` as the desktop bridge, which
// records every call and answers as the test says. Import this module before anything that
// imports the API client: the client picks its transport when it loads.

import type { DesktopBridge, HostEvent } from '../../../archive/api/host-events';

export interface Call {
  method: string;
  args: unknown;
}

/** Every contract call the components made, in order. */
export const calls: Call[] = [];

let answer: (call: Call) => unknown = () => ({});

/** Sets what the host answers (the value of an ok Outcome); forgets the calls so far. */
export function answerWith(fn: (call: Call) => unknown): void {
  answer = fn;
  calls.length = 0;
}

/** An answer that fails: `answerWith` returns it to make the host answer `ok: false`. */
export class HostError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** The numbers of the calls the components withdrew (superseded searches). */
export const withdrawn: number[] = [];

const listeners = new Set<(event: HostEvent) => void>();

window.dossier = new Proxy({} as DesktopBridge, {
  get(_target, key) {
    // Withdrawing a call is not a contract call: the test can see it apart.
    if (key === 'cancelCall') return (callId: number) => void withdrawn.push(callId);
    if (key === 'onHostEvent') {
      return (listener: (event: HostEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      };
    }
    return async (args: unknown) => {
      const call = { method: String(key), args };
      calls.push(call);
      const value = await answer(call);
      if (value instanceof HostError) return { ok: false, error: { code: value.code, message: value.message } };
      return { ok: true, value };
    };
  },
});
