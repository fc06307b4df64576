import { Kind, PROTOCOL_VERSION } from "@edgehold/protocol";
import type { TestClient } from "./test-client.ts";

/** Sends a `telemetry.report` as a page does and waits for its ack (or returns the refusal's code). */
export async function reportTelemetry(client: TestClient, payload: object): Promise<{ ok: boolean; code?: string }> {
  const seq = client.nextSeq();
  client.send({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: "telemetry", action: "report", payload } as never);
  const answer = await client.next((m) => (m.kind === Kind.ack || m.kind === Kind.error) && m.seq === seq, 3000, `the answer to report ${seq}`);
  return answer.kind === Kind.ack ? { ok: true } : { ok: false, code: (answer.payload as { code: string }).code };
}
