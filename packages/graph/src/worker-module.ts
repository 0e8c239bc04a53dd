/**
 * What workers load from this package: the ops tasks name (`ops`) and how to handle partitions
 * (`codecs`). The engine imports this module by URL in every worker (see opsModuleUrl).
 */
import { batchCodec } from "./batch-codec.js";
import { ops } from "./ops/registry.js";

export { ops };
export const codecs = [batchCodec];
