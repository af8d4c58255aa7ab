// What the emulator has received, by surface, as GET /_emulator/health reports it: evidence a test
// (or a user) can hold a run against, whatever its client's connection reuse.
import type { Model } from '../model/types.js';

export interface Received {
  /** API 3.0 requests (POST or GET on /). */
  api3: number;
  /** HTTP endpoint requests (flash recognition), by endpoint name. */
  endpoints: Record<string, number>;
  /** WebSocket sessions opened, by channel name. */
  channels: Record<string, number>;
}

export class Traffic {
  readonly received: Received;

  constructor(model: Model) {
    this.received = {
      api3: 0,
      endpoints: Object.fromEntries(model.endpoints.map((e) => [e.name, 0])),
      channels: Object.fromEntries(model.channels.map((c) => [c.name, 0])),
    };
  }

  api3(): void {
    this.received.api3++;
  }

  endpoint(name: string): void {
    this.received.endpoints[name] = (this.received.endpoints[name] ?? 0) + 1;
  }

  channel(name: string): void {
    this.received.channels[name] = (this.received.channels[name] ?? 0) + 1;
  }
}
