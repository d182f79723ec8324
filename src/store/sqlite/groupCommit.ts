import type Database from 'better-sqlite3';
import type { StoreObserver } from '../storeObserver';

interface Pending {
  work: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** Bounds how long the first transaction of a group waits for its COMMIT. */
const MAX_GROUP = 128;

const turnOfEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Group commit for one better-sqlite3 connection. Transactions run one after another in order
 * of arrival, each in a SAVEPOINT of its own inside one BEGIN IMMEDIATE .. COMMIT: one that
 * fails rolls back alone, the rest commit together, so the outcome is the one serial execution
 * would give. Transactions that arrive while a group is open join it; a lone transaction starts
 * at once and commits after one turn of the event loop. Every caller hears of its result only
 * after the COMMIT that made it durable.
 */
export class GroupCommit {
  private readonly pending: Pending[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackTo: Database.Statement;
  /** Told of every commit: the group's size and how long its COMMIT took. */
  observer: StoreObserver = {};

  constructor(
    private readonly db: Database.Database,
    private readonly translate: (err: unknown) => unknown,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT one_transaction');
    this.release = db.prepare('RELEASE one_transaction');
    this.rollbackTo = db.prepare('ROLLBACK TO one_transaction');
  }

  submit<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        this.idle = new Promise((done) => {
          this.markIdle = done;
        });
        void this.drain();
      }
    });
  }

  /** Resolves once every submitted transaction has settled. */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.runGroup();
    } finally {
      this.running = false;
      this.markIdle();
    }
  }

  /** Runs one transaction in its savepoint; false when SQLite has ended the whole transaction. */
  private async runOne(p: Pending, done: { p: Pending; value: unknown }[]): Promise<boolean> {
    this.savepoint.run();
    try {
      const value = await p.work();
      this.release.run();
      done.push({ p, value });
      return true;
    } catch (err) {
      const failure = this.translate(err);
      p.reject(failure);
      if (this.db.inTransaction) {
        this.rollbackTo.run();
        this.release.run();
        return true;
      }
      // SQLite ended the whole transaction (a full disk, say): the group's earlier work is
      // gone with it, so those callers fail too; the ones not yet run go to the next group.
      for (const d of done) d.p.reject(failure);
      return false;
    }
  }

  private async runGroup(): Promise<void> {
    try {
      this.begin.run();
    } catch (err) {
      const failure = this.translate(err);
      for (const p of this.pending.splice(0)) p.reject(failure);
      return;
    }
    const done: { p: Pending; value: unknown }[] = [];
    let count = 0;
    for (;;) {
      while (this.pending.length > 0 && count < MAX_GROUP) {
        count++;
        if (!(await this.runOne(this.pending.shift() as Pending, done))) return;
      }
      if (count >= MAX_GROUP) break;
      // One turn of the event loop: requests already readable on other sockets get parsed and
      // join this transaction. With nothing readable the loop comes straight back, so a lone
      // transaction commits without waiting for company.
      await turnOfEventLoop();
      if (this.pending.length === 0) break;
    }
    const started = process.hrtime.bigint();
    try {
      this.commit.run();
    } catch (err) {
      if (this.db.inTransaction) this.rollback.run();
      const failure = this.translate(err);
      for (const d of done) d.p.reject(failure);
      return;
    }
    this.observer.committed?.(count, Number(process.hrtime.bigint() - started) / 1e9);
    for (const d of done) d.p.resolve(d.value);
  }
}
