// The slice of better-sqlite3's API the benchmark uses (the project carries no @types for it).
declare module 'better-sqlite3' {
  namespace Database {
    interface Statement {
      run(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
      get(...params: unknown[]): unknown;
    }
    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): void;
      pragma(sql: string): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): F;
      close(): void;
    }
  }
  const Database: new (file: string) => Database.Database;
  export default Database;
}
