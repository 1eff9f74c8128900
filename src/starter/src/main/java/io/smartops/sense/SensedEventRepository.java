package io.smartops.sense;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SensedEventRepository extends JpaRepository<SensedEventRecord, String> {

	List<SensedEventRecord> findTop200ByOrderByReceivedAtDesc();

	/** Changes sensed for a run and not yet taken into a re-plan's scenario, oldest first. */
	List<SensedEventRecord> findByRunIdAndReplanIdIsNullAndDecisionInOrderByObservedAt(String runId, List<String> decisions);

	/** Runs with changes that matter, received before the moment, that no re-plan has taken in yet. */
	@Query("select distinct e.runId from SensedEventRecord e where e.decision = 'TRIGGERED' "
			+ "and e.replanId is null and e.receivedAt < :before")
	List<String> runsWithPendingChangesBefore(@Param("before") Instant before);
}
