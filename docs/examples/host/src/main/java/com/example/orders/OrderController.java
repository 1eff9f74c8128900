package com.example.orders;

import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application's own API: an order is kept in its own table and starts its own process. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	record OrderRequest(String customerEmail, BigDecimal amount) {
	}

	private final JdbcTemplate jdbc;
	private final RuntimeService runtime;

	OrderController(JdbcTemplate jdbc, RuntimeService runtime) {
		this.jdbc = jdbc;
		this.runtime = runtime;
	}

	@PostMapping
	@Transactional
	ResponseEntity<Map<String, Object>> place(@RequestBody OrderRequest order) {
		if (order.customerEmail() == null || !order.customerEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			return ResponseEntity.badRequest().body(Map.of("error", "customerEmail: needed, an e-mail address"));
		}
		if (order.amount() == null || order.amount().signum() <= 0) {
			return ResponseEntity.badRequest().body(Map.of("error", "amount: needed, above 0"));
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.update(c -> {
			var s = c.prepareStatement("insert into orders (customer_email, amount) values (?, ?)", new String[] { "id" });
			s.setString(1, order.customerEmail());
			s.setBigDecimal(2, order.amount());
			return s;
		}, key);
		long id = key.getKey().longValue();
		String instance = runtime.startProcessInstanceByKey("order-fulfilment", String.valueOf(id),
				Map.of("orderId", id, "customerEmail", order.customerEmail(), "amount", order.amount().doubleValue()))
			.getId();
		jdbc.update("update orders set process_instance_id = ? where id = ?", instance, id);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "processInstanceId", instance));
	}

	@GetMapping("/{id}")
	ResponseEntity<Map<String, Object>> get(@PathVariable long id) {
		return jdbc.queryForList("select id, customer_email, amount, process_instance_id from orders where id = ?", id)
			.stream().findFirst().map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
	}
}
