import type { IncomingMessage, ServerResponse } from "node:http";

/** A route joins the shared HTTP server: it returns true when it handled the request. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
