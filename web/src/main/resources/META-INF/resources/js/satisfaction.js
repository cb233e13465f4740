// RuralAtlas pages: one rule for citizen satisfaction, in the viewer and the planner, as survey
// practice has it: a share is published only from MIN_RESPONSES responses, and always with their
// number; below that, only the number of responses.

/** Below this many responses, a satisfaction share is not published. */
export const MIN_RESPONSES = 10;

/** Whether a period's share may be shown: enough responses to mean something. */
export function published(responses) {
  return responses >= MIN_RESPONSES;
}
