// How long a request may take to arrive, per route. Headers get 30 s (the
// server's headersTimeout); a JSON body gets BODY_TIMEOUT_MS (≤ 30 s) from
// the moment its route is matched; only streamed uploads (CSV imports) keep
// the server-wide UPLOAD_TIMEOUT_MS, and are cut off by their own guard
// (upload.ts) when they arrive slower than UPLOAD_MIN_BYTES_PER_SECOND over
// a window, so a trickling sender cannot hold a connection for half an hour.
// Either way the client gets a 408 problem document (an RFC 6749 error at
// the OAuth token endpoint, whose route passes its own answer).
import type { NextFunction, Request, Response } from "express";
import { problem, sendProblem } from "./problem.ts";

export type TimeoutAnswer = (res: Response, detail: string) => void;

const problem408: TimeoutAnswer = (res, detail) => sendProblem(res, problem(408, "REQUEST_TIMEOUT", detail));

function cutOff(req: Request, res: Response, detail: string, answer: TimeoutAnswer = problem408) {
  if (!res.headersSent) {
    res.setHeader("Connection", "close");
    answer(res, detail);
  }
  // Whatever is still on its way is not read: the socket ends after the answer.
  res.once("finish", () => req.socket.destroy());
  if (res.writableFinished) req.socket.destroy();
}

/** For routes with a JSON body: the body must be in within `timeoutMs`. */
export function bodyDeadline(timeoutMs: number, answer?: TimeoutAnswer) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.complete) {
      const timer = setTimeout(() => {
        if (!req.complete) cutOff(req, res, `the body did not arrive within ${timeoutMs / 1000} s`, answer);
      }, timeoutMs);
      timer.unref();
      const clear = () => clearTimeout(timer);
      req.once("end", clear);
      req.once("close", clear);
      res.once("finish", clear);
    }
    next();
  };
}
