// Preloaded into every Node process a doc command starts (NODE_OPTIONS=--import), so that a command
// written for the live service can be run here: every TCP dial is written to $ASR_DIAL_LOG, and a dial
// to anything but loopback is refused before a packet leaves (before the DNS lookup, too). The test
// then reads which hosts the command tried, instead of trusting the code that chose them.
import { appendFileSync } from 'node:fs';
import { Socket } from 'node:net';

const log = process.env.ASR_DIAL_LOG;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;
const original = Socket.prototype.connect;

Socket.prototype.connect = function guarded(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  let host;
  let port;
  if (first && typeof first === 'object') {
    if (first.path) return original.apply(this, args); // a Unix socket: not the network
    host = String(first.host ?? 'localhost');
    port = Number(first.port);
  } else {
    port = Number(first);
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  const blocked = !LOOPBACK.test(host);
  if (log) appendFileSync(log, `${JSON.stringify({ pid: process.pid, host, port, blocked })}\n`);
  if (blocked) {
    process.nextTick(() => this.destroy(Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (refused by the test's dial guard: not loopback)`), { code: 'ECONNREFUSED' })));
    return this;
  }
  return original.apply(this, args);
};
