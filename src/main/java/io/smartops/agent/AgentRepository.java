package io.smartops.agent;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AgentRepository extends JpaRepository<Agent, String> {

	java.util.Optional<Agent> findByTopic(String topic);

	List<Agent> findByCapabilityOrderById(String capability);
}
