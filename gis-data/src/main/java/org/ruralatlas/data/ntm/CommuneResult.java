package org.ruralatlas.data.ntm;

import java.util.Set;

/**
 * One rural commune's NTM result as statistics count it: its group (province), its level, how
 * many criteria it meets, and which criteria or indicators it passes and fails where known (a
 * number in neither set is unknown, never counted as failed).
 */
public record CommuneResult(
        String groupCode, String level, Integer criteriaMet, Set<String> passed, Set<String> failed) {

    public CommuneResult {
        passed = passed == null ? Set.of() : Set.copyOf(passed);
        failed = failed == null ? Set.of() : Set.copyOf(failed);
    }

    /** True when the commune is at {@code level} or above (model counts as advanced and as NTM). */
    public boolean atLeast(Level level) {
        return Level.of(this.level).rank() >= level.rank();
    }
}
