/**
 * The dataframe's link to the engine: registers the graph's ops with every client, and picks the
 * client a plan runs on (the one holding its persisted partitions, else the current or default one).
 */
import { opsModuleUrl, ops, batchCodec } from "@dusk/graph";
import { getClient, registerOpModule, type Client, type Codec, type OpRegistry } from "@dusk/scheduler";
import { children, type LogicalNode } from "@dusk/plan";

registerOpModule({ url: opsModuleUrl, ops: ops as unknown as OpRegistry, codecs: [batchCodec as Codec] });

/** The client holding a plan's persisted partitions, if it reads any. */
function ownerOf(plan: LogicalNode): Client | null {
  if (plan.kind === "scan" && plan.source.kind === "persisted") return plan.source.owner as Client;
  for (const c of children(plan)) {
    const o = ownerOf(c);
    if (o) return o;
  }
  return null;
}

export async function clientFor(plan: LogicalNode): Promise<Client> {
  return ownerOf(plan) ?? getClient();
}
