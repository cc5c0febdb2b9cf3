// Reads from the archive and refetches whenever the arguments or the archive change.
// Only the newest request's answer is kept, so a slow old answer never overwrites a new one.

import { useEffect, useRef, useState } from 'react';
import type { Args, Result } from '../../../archive/api/contract';
import type { Method } from '../../../archive/api/methods';
import { call } from '../api/client';
import { useArchiveVersion } from './useArchiveVersion';

export interface Loaded<T> {
  value: T | null;
  /** The arguments (as JSON) the value answers; it may lag the current ones while loading. */
  for: string | null;
  error: string | null;
  /** The error's code (`not_found`, ...), so a view can tell "gone" from "failed". */
  code: string | null;
  loading: boolean;
}

/** `args` null means "nothing to load". The JSON of args is the dependency. */
export function useQuery<M extends Method>(method: M, args: Args<M> | null): Loaded<Result<M>> {
  const { version } = useArchiveVersion();
  const [state, setState] = useState<Loaded<Result<M>>>({
    value: null,
    for: null,
    error: null,
    code: null,
    loading: args !== null,
  });
  const generation = useRef(0);
  const key = args === null ? null : JSON.stringify(args);
  useEffect(() => {
    const mine = ++generation.current;
    if (key === null) {
      setState({ value: null, for: null, error: null, code: null, loading: false });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    void call(method, JSON.parse(key) as Args<M>).then((outcome) => {
      if (mine !== generation.current) return;
      setState(
        outcome.ok
          ? { value: outcome.value, for: key, error: null, code: null, loading: false }
          : { value: null, for: key, error: outcome.error.message, code: outcome.error.code, loading: false },
      );
    });
  }, [method, key, version]);
  return state;
}

/** The value when it answers exactly these arguments, else null. */
export function current<T>(loaded: Loaded<T>, args: unknown): T | null {
  return loaded.for !== null && loaded.for === JSON.stringify(args) ? loaded.value : null;
}
