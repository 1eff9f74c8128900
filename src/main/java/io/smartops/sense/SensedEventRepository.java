package io.smartops.sense;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SensedEventRepository extends JpaRepository<SensedEventRecord, String> {

	List<SensedEventRecord> findTop200ByOrderByReceivedAtDesc();

	/** Changes sensed for a run and not yet taken into a re-plan's scenario, oldest first. */
	List<SensedEventRecord> findByRunIdAndReplanIdIsNullAndDecisionInOrderByObservedAt(String runId, List<String> decisions);
}
