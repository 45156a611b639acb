// Starts the answer core's worker thread (`answerer-thread.ts`) with tsx's loader registered:
// a worker's own entry is loaded before any --import of the parent applies to it.
import { register } from 'tsx/esm/api';

register();
await import('./answerer-thread.ts');
