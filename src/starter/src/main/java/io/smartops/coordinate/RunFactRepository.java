package io.smartops.coordinate;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RunFactRepository extends JpaRepository<RunFact, Long> {

	List<RunFact> findByRunIdOrderById(String runId);

	Optional<RunFact> findFirstByRunIdAndNameOrderByIdDesc(String runId, String name);

	List<RunFact> findByRunIdAndNameStartingWithOrderById(String runId, String prefix);
}
