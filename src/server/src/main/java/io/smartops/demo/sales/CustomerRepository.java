package io.smartops.demo.sales;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

	List<Customer> findByEmailDomain(String emailDomain);

	List<Customer> findByNormalizedName(String normalizedName);
}
