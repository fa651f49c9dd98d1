// Sends a streamed export (`RecordExport`): text a piece at a time, with a turn of the event loop between pieces so other requests are answered meanwhile.
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordExport } from '../service/records.js';

/**
 * The pieces of `body`, each after a turn of the event loop: reading a page of rows can finish without
 * ever waiting (SQLite answers at once), and a long export would otherwise hold the server until done.
 */
export async function* paced(body: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const piece of body) {
    if (piece.length > 0) yield piece;
    await nextTurn();
  }
}

/**
 * Answers with the export: its media type, a download name for the CSV (the JSON documents open in
 * place), and the body as a stream that reads the record only as fast as the client takes it. Send
 * it only once the export's audit row is stored: no row, no data.
 */
export function sendExport(reply: FastifyReply, out: RecordExport): FastifyReply {
  reply.type(out.contentType);
  if (out.format === 'csv') {
    reply.header('content-disposition', `attachment; filename="${out.fileName}"`);
  }
  return reply.send(Readable.from(paced(out.body), { objectMode: false, highWaterMark: 1 }));
}
