// What a portal's page runs: load the viewer module once; every <smc-replication-jobs>
// on the page then starts by itself.
import init from "./smc-viewer.js";

await init();

document.addEventListener("smc-job-selected", (event) => {
  const output = document.getElementById("selected");
  if (output) output.textContent = `${event.target.id}: ${event.detail}`;
});
