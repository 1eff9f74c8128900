package io.smartops.orchestrate;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface OutboxMailRepository extends JpaRepository<OutboxMail, Long> {

	List<OutboxMail> findTop200ByOrderByIdDesc();

	List<OutboxMail> findByActionId(String actionId);
}
