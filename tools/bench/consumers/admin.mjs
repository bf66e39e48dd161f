// @allmhub/admin: list the models (no streamed operation; this is its README example).
import { createAdminClient } from "@allmhub/admin";

const { data } = await createAdminClient({ apiKey: "sk-bench" }).listModels();
console.log(data.map((m) => m.id));
