package io.smartops.sense;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReplanRepository extends JpaRepository<Replan, String> {

	List<Replan> findTop100ByOrderByRequestedAtDesc();

	List<Replan> findByRunIdOrderByRequestedAt(String runId);

	long countByRunId(String runId);
}
