// The SCORM 1.2 player: scorm-again's runtime as window.API, its commits sent to our server
// (which validates them), the previous session's data loaded first so the SCO resumes.
document.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("scorm-player");
  if (!holder || typeof window.Scorm12API === "undefined") return;
  const resume = JSON.parse(document.getElementById("scorm-resume").textContent || "{}");
  const api = new window.Scorm12API({
    lmsCommitUrl: holder.dataset.commit,
    autocommit: true,
    autocommitSeconds: 30,
    dataCommitFormat: "json",
    xhrHeaders: { "X-CSRFToken": holder.dataset.csrf },
    xhrWithCredentials: true,
    logLevel: 4,
  });
  const core = resume.core || {};
  const start = {
    core: {
      student_id: holder.dataset.learnerId,
      student_name: holder.dataset.learnerName,
      lesson_location: core.lesson_location || "",
      lesson_status: core.lesson_status || "not attempted",
    },
    suspend_data: resume.suspend_data || "",
  };
  if (core.score && core.score.raw !== undefined) start.core.score = { raw: core.score.raw };
  if (core.lesson_status && core.lesson_status !== "not attempted") start.core.entry = "resume";
  api.loadFromJSON(start, "cmi");
  window.API = api;
  const frame = document.createElement("iframe");
  frame.className = "scorm-frame";
  frame.title = document.title;
  frame.src = holder.dataset.launch;
  holder.appendChild(frame);
});
