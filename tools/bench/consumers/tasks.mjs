// @allmhub/tasks: submit a Midjourney job and wait for it (its README example: one task with its wait helper).
import { createTasksClient, midjourneyTaskId, waitForMidjourneyTask } from "@allmhub/tasks";

const tasks = createTasksClient({ apiKey: "sk-bench" });
const submitted = await tasks.submitMidjourneyImagine({ prompt: "a cat --v 6" });
const task = await waitForMidjourneyTask(tasks, midjourneyTaskId(submitted));
console.log(task.imageUrl);
