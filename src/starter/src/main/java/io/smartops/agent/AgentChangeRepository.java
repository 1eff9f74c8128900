package io.smartops.agent;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AgentChangeRepository extends JpaRepository<AgentChange, Long> {

	List<AgentChange> findByAgentIdOrderByChangedAt(String agentId);
}
