// Watches every outgoing TCP connection this test process opens (newman, undici's fetch and `ws` all
// dial through net.Socket#connect) and blocks any that would leave loopback, so a test can show
// what a run contacted instead of trusting the code that decides it.
import { Socket } from 'node:net';

export interface Dial {
  host: string;
  port: number;
}

export interface ConnectGuard {
  /** Every dial, loopback ones included (so a test can prove the guard saw the run at all). */
  dials: Dial[];
  /** Dials to anything but loopback: these were refused, never sent. */
  outside: Dial[];
  restore(): void;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

export function guardConnections(): ConnectGuard {
  const original = Socket.prototype.connect;
  const dials: Dial[] = [];
  const outside: Dial[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Socket.prototype.connect = function guarded(this: Socket, ...args: any[]): Socket {
    const first = args[0] as { host?: string; port?: number | string; path?: string } | number | string | unknown[];
    const opts = Array.isArray(first) ? (first[0] as { host?: string; port?: number }) : first;
    if (typeof opts === 'object' && opts !== null && !('path' in opts && opts.path)) {
      const dial = { host: String((opts as { host?: string }).host ?? 'localhost'), port: Number((opts as { port?: number }).port) };
      dials.push(dial);
      if (!LOOPBACK.test(dial.host)) {
        outside.push(dial);
        process.nextTick(() => this.destroy(new Error(`blocked by the test: ${dial.host}:${dial.port} is not loopback`)));
        return this;
      }
    } else if (typeof opts === 'number' || (typeof opts === 'string' && /^\d+$/.test(opts))) {
      const host = typeof args[1] === 'string' ? args[1] : 'localhost';
      dials.push({ host, port: Number(opts) });
      if (!LOOPBACK.test(host)) {
        outside.push({ host, port: Number(opts) });
        process.nextTick(() => this.destroy(new Error(`blocked by the test: ${host} is not loopback`)));
        return this;
      }
    }
    return original.apply(this, args as Parameters<typeof original>);
  } as typeof original;
  return { dials, outside, restore: () => void (Socket.prototype.connect = original) };
}
