// Entry of the engine worker thread (bundled to dist/worker.js): the engine, the Python interpreter and
// the inspector run here, never on the extension host's thread. The host owns and restarts this thread.
import { parentPort } from 'node:worker_threads';
import * as inspector from '../inspect/index';
import type { WorkerToHost } from '../protocol/worker';
import { createWorkerHandler, type InspectorApi } from './handler';

if (!parentPort) throw new Error('nnlens: src/worker/main.ts must run in a worker thread');
const port = parentPort;
const post = (m: WorkerToHost): void => port.postMessage(m);

// formatReport is looked up at run time: it lands in the inspector after the rest of its API.
const formatReport = Reflect.get(inspector, 'formatReport') as InspectorApi['formatReport'];
port.on('message', createWorkerHandler({ ...inspector, formatReport }, post));
post({ type: 'ready' });
