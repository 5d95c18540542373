import { EventEmitter } from 'eventemitter3';
import type { Decision, EvaluatedFinding } from '../chain/decision.js';
import type { RampartError } from '../errors.js';
import type { FailMode, Stage } from '../guard.js';

/** Payload of `guardError` and `guardTimeout`. */
export interface GuardFailureEvent {
  guard: string;
  stage: Stage;
  failMode: FailMode;
  error: RampartError;
}

/** Payload of `streamReleased`: text that passed the output guards and left the hold-back buffer. */
export interface StreamReleasedEvent {
  text: string;
  /** Characters released so far in this stream, this release included. */
  releasedChars: number;
  /** Characters still held back. */
  heldChars: number;
}

/** Every event Rampart emits, with its listener signature. */
export interface RampartEvents {
  decision: (decision: Decision) => void;
  finding: (finding: EvaluatedFinding, stage: Stage) => void;
  blocked: (decision: Decision) => void;
  redacted: (decision: Decision) => void;
  escalated: (decision: Decision) => void;
  guardError: (event: GuardFailureEvent) => void;
  guardTimeout: (event: GuardFailureEvent) => void;
  streamReleased: (event: StreamReleasedEvent) => void;
}

/** Typed event emitter (eventemitter3) shared by a chain and the streams and adapters built on it. */
export class RampartEmitter extends EventEmitter<RampartEvents> {}
