import { describe, expect, it } from 'vitest';
import { htmlToText, sanitiseHtml } from './html-text';

describe('html-text', () => {
  it('separates blocks by one blank line and keeps <br> as a line break', () => {
    expect(
      htmlToText(
        '<h1>Title</h1><p>One\n  two <b>three</b></p><div><p>Four<br>five</p></div><ul><li>a</li><li>b</li></ul>',
      ),
    ).toBe('Title\n\nOne two three\n\nFour\nfive\n\na\n\nb');
  });

  it('keeps preformatted text as written', () => {
    expect(htmlToText('<p>x</p><pre>  indented\n\tline</pre>')).toBe('x\n\n  indented\n\tline');
  });

  it('sanitises scripts, handlers and styles and makes links absolute', () => {
    const { html, text } = sanitiseHtml(
      '<p style="color:red" onclick="x()">Hi <a href="/p">link</a><script>evil()</script></p><iframe src="//x"></iframe>',
      { baseUrl: 'https://site.example/a/b' },
    );
    expect(html).toBe('<p>Hi <a href="https://site.example/p">link</a></p>');
    expect(text).toBe('Hi link');
  });
});
