package io.smartops.demo;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DemoAppRequestRepository extends JpaRepository<DemoAppRequest, String> {

	List<DemoAppRequest> findByApplicationOrderByReceivedAt(String application);

}
