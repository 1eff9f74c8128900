package io.smartops.coordinate;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PlanningRunRepository extends JpaRepository<PlanningRun, String> {

	Optional<PlanningRun> findByProcessInstanceId(String processInstanceId);

	Optional<PlanningRun> findFirstByCurrentTrueOrderByApprovedAtDesc();

	List<PlanningRun> findTop100ByOrderByStartedAtDesc();

	List<PlanningRun> findByCurrentTrue();
}
