// A counter every view watches: any change to the archive bumps it, so the results, the
// sidebar counts and the open item all refetch instead of patching copies of each other.

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface ArchiveVersion {
  version: number;
  changed: () => void;
}

const Context = createContext<ArchiveVersion>({ version: 0, changed: () => undefined });

export function ArchiveVersionProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const value = useMemo(() => ({ version, changed }), [version, changed]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useArchiveVersion(): ArchiveVersion {
  return useContext(Context);
}
