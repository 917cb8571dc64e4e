import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat completion request as the loopback model received it. */
export interface RecordedChat {
  body: {
    model: string;
    stream?: boolean;
    max_tokens?: number;
    max_completion_tokens?: number;
    messages: { role: string; content: string }[];
  };
  authorization: string | undefined;
}

/** How the loopback model answers one request. */
export type Reply =
  /** A chat completion whose message is this text, as JSON or, when asked, as a stream. */
  | { text: string; chunkDelayMs?: number }
  | { status: number; headers?: Record<string, string>; body?: string }
  /** A 200 with this raw body (not JSON, empty…). */
  | { raw: string }
  /** Never answers (the connection stays open until the client gives up). */
  | { hang: true };

/** A loopback OpenAI-compatible server: `/v1/chat/completions`, plain JSON and server-sent events. */
export interface LoopbackModel {
  baseUrl: string;
  requests: RecordedChat[];
  close(): Promise<void>;
}

/**
 * Starts an OpenAI-compatible server on 127.0.0.1 that records every request and answers by
 * `policy`: what a model would say given the request. Streams are sent in small pieces, as
 * real servers send them.
 */
export async function startLoopbackModel(
  policy: (request: RecordedChat, index: number) => Reply,
): Promise<LoopbackModel> {
  const requests: RecordedChat[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const recorded: RecordedChat = {
        body: JSON.parse(body || '{}'),
        authorization: req.headers.authorization,
      };
      requests.push(recorded);
      const reply = policy(recorded, requests.length - 1);
      if ('hang' in reply) return;
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.body ?? '{"error":{"message":"scripted failure"}}');
        return;
      }
      if ('raw' in reply) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(reply.raw);
        return;
      }
      const usage = { prompt_tokens: 1200, completion_tokens: 40, total_tokens: 1240 };
      if (!recorded.body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'chatcmpl-loopback',
            object: 'chat.completion',
            created: 0,
            model: 'loopback-1',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: reply.text },
                finish_reason: 'stop',
              },
            ],
            usage,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const pieces = reply.text.match(/[\s\S]{1,12}/g) ?? [];
      const chunk = (delta: object, extra: object = {}) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'loopback-1', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
      let i = 0;
      const next = () => {
        if (res.destroyed) return;
        if (i < pieces.length) {
          res.write(chunk({ content: pieces[i++] }));
          setTimeout(next, reply.chunkDelayMs ?? 0);
          return;
        }
        res.write(
          `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'loopback-1', choices: [], usage })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
      };
      next();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The numbered passages of a recorded request, as `[n]` → the passage's text. */
export function passagesOf(request: RecordedChat): Map<number, string> {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const passages = new Map<number, string>();
  for (const block of user.split(/\n\n(?=\[\d+\] )/)) {
    const number = Number(block.match(/^\[(\d+)\] /)?.[1]);
    if (number) passages.set(number, block.split('\n').slice(1).join('\n'));
  }
  return passages;
}
