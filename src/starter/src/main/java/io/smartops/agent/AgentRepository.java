package io.smartops.agent;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AgentRepository extends JpaRepository<Agent, String> {

	Optional<Agent> findByTopic(String topic);

	List<Agent> findByTopicIn(java.util.Collection<String> topics);

	List<Agent> findByCapabilityOrderById(String capability);

	List<Agent> findByKind(AgentKind kind);
}
