package io.smartops.orchestrate;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ActionItemRepository extends JpaRepository<ActionItem, String> {

	List<ActionItem> findByRunIdOrderByCreatedAt(String runId);

	Optional<ActionItem> findByIdempotencyKey(String idempotencyKey);

	long countByRunIdAndDispatchedAtIsNull(String runId);
}
