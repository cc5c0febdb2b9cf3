// Pairing the browser extension: the host shows a one-time code; the extension trades it
// for a long random token bound to the extension's origin. Only a hash of each token is
// kept (in a user-only file beside the archive), so reading that file pairs nobody. A code
// works once, for ten minutes, and five wrong guesses replace it.

import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../core/atomic-file';

export const CODE_TTL_MS = 10 * 60_000;
const MAX_WRONG_GUESSES = 5;
const MAX_TOKENS = 50;

interface PairedToken {
  hash: string;
  origin: string;
  paired: string;
}

interface TokenFile {
  version: 1;
  tokens: PairedToken[];
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Six digits in two groups, easy to read off a screen and type ("482 915"). */
function newCode(): string {
  const n = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return `${n.slice(0, 3)} ${n.slice(3)}`;
}

export interface PairingOptions {
  /** Where paired tokens are kept; null keeps them in memory only (tests). */
  file: string | null;
  now?: () => number;
  /** Told of every new code, so the host can show it. */
  onCode?: (code: string) => void;
}

export class Pairing {
  private tokens: PairedToken[] = [];
  private current: { code: string; expires: number } | null = null;
  private wrong = 0;
  private readonly now: () => number;

  private constructor(private readonly options: PairingOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the tokens paired before; an unreadable file pairs nobody (and is replaced on the next pairing). */
  static async load(options: PairingOptions): Promise<Pairing> {
    const pairing = new Pairing(options);
    if (options.file !== null) {
      try {
        const data = JSON.parse(await fs.readFile(options.file, 'utf8')) as TokenFile;
        if (data.version === 1 && Array.isArray(data.tokens)) {
          pairing.tokens = data.tokens.filter((t) => typeof t.hash === 'string' && typeof t.origin === 'string');
        }
      } catch {
        // no file yet, or not ours: nobody is paired
      }
    }
    return pairing;
  }

  /** The code to show now (a fresh one when the last was used, guessed at or expired). */
  code(): string {
    if (this.current === null || this.current.expires <= this.now()) {
      this.current = { code: newCode(), expires: this.now() + CODE_TTL_MS };
      this.wrong = 0;
      this.options.onCode?.(this.current.code);
    }
    return this.current.code;
  }

  /** Trades the code for a token bound to `origin`; null for a wrong or stale code. */
  async redeem(code: string, origin: string): Promise<string | null> {
    const current = this.current;
    const given = code.replace(/\s+/g, '');
    if (current === null || current.expires <= this.now()) {
      this.code(); // shows a fresh code to type instead
      return null;
    }
    if (given !== current.code.replace(/\s+/g, '')) {
      if (++this.wrong >= MAX_WRONG_GUESSES) this.expire();
      return null;
    }
    this.expire();
    const token = randomBytes(32).toString('base64url');
    this.tokens = [...this.tokens, { hash: hashOf(token), origin, paired: new Date(this.now()).toISOString() }].slice(
      -MAX_TOKENS,
    );
    await this.save();
    return token;
  }

  /** Whether `token` was paired, from this very origin. */
  accepts(token: string | undefined, origin: string): boolean {
    if (!token) return false;
    const hash = hashOf(token);
    return this.tokens.some((t) => t.origin === origin && sameHash(t.hash, hash));
  }

  /** Forgets every paired extension (the setting's "Unpair all"). */
  async forgetAll(): Promise<void> {
    this.tokens = [];
    await this.save();
  }

  private expire(): void {
    this.current = null;
    this.code();
  }

  private async save(): Promise<void> {
    if (this.options.file === null) return;
    const data: TokenFile = { version: 1, tokens: this.tokens };
    await writeFileAtomic(this.options.file, JSON.stringify(data));
    await fs.chmod(this.options.file, 0o600);
  }
}
