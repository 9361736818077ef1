// One reviewer of the team-store scenario, as a process of its own: grades every case the queue gives it,
// then tells the parent how many grades it wrote.
import { openReviewSession } from "../src/review/session.js";
import { Store } from "../src/store/index.js";

const [address, runId, reviewer] = process.argv.slice(2);
if (!address || !runId || !reviewer) throw new Error("usage: team-reviewer ADDRESS RUN_ID REVIEWER");
const store = Store.open(address);
const session = openReviewSession(store, { runId, reviewer });
let graded = 0;
for (let view = session.next(); view; view = session.next()) {
  for (const field of view.fields) {
    session.grade({
      itemId: field.itemId,
      verdict: { kind: "pick", modelId: "replay-1", value: "Ana Ruiz" },
    });
    graded++;
  }
}
session.close();
store.close();
process.send?.({ graded });
