// @allmhub/tasks: submit a Midjourney job and fetch it (no streamed operation; this is its README example).
import { createTasksClient } from "@allmhub/tasks";

const tasks = createTasksClient({ apiKey: "sk-bench" });
const { result } = await tasks.submitMidjourneyImagine({ prompt: "a cat --v 6" });
console.log(await tasks.getMidjourneyTask({ path: { id: String(result) } }));
