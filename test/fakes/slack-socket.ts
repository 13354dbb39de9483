import type { AddressInfo } from "node:net";
import WebSocket from "ws";

/** One Socket Mode envelope as Slack sends it, and what the app acknowledged. */
export interface SocketEnvelope {
  envelope_id: string;
  type: "slash_commands" | "events_api" | "interactive";
  accepts_response_payload: boolean;
  payload: Record<string, unknown>;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface FakeSlackSocket {
  /** The WebSocket URL apps.connections.open hands out. */
  url: string;
  /** Resolves once the app has connected and been greeted. */
  connected(): Promise<void>;
  /** Sends an envelope and resolves with the app's acknowledgement (`{ envelope_id, payload? }`). */
  send(envelope: Omit<SocketEnvelope, "envelope_id">): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Slack's Socket Mode server, reduced to what Tandem uses: hello, envelopes in, acknowledgements back. */
export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocket.Server({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  let client: WebSocket | undefined;
  let ready: () => void = () => {};
  const connected = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const waiting = new Map<string, (ack: Record<string, unknown>) => void>();
  let sequence = 0;

  server.on("connection", (socket) => {
    client = socket;
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      const id = message.envelope_id;
      if (typeof id === "string") waiting.get(id)?.(message);
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        connection_info: { app_id: "A0TANDEM" },
        debug_info: { host: "fake" },
      }),
    );
    ready();
  });

  return {
    url: `ws://127.0.0.1:${port}/link`,
    connected: () => connected,
    send(envelope) {
      sequence += 1;
      const id = `env-${sequence}`;
      return new Promise((resolve, reject) => {
        if (!client) return reject(new Error("no Socket Mode client is connected"));
        waiting.set(id, resolve);
        client.send(JSON.stringify({ envelope_id: id, ...envelope }));
      });
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
