import type { EngineErrorCode } from '../engine';

/** How one door shows one error on its wire. */
export interface WireError {
  /** HTTP status the door answers with. */
  status: number;
  /** The code as the wire carries it ('[901]', 'SignatureDoesNotMatch', 'USG.201040000'). */
  code: string;
  /** The text as the wire carries it (English where a door has several languages). */
  message: string;
  /** What it means, for docs/errors.md. */
  meaning: string;
}

/** Every engine error must have a row: the type makes a missing one a compile error, a test makes it a test failure. */
export type EngineErrorTable = Record<EngineErrorCode, WireError>;
