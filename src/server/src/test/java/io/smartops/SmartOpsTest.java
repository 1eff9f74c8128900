package io.smartops;

import io.smartops.server.SmartOpsServer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import io.smartops.support.TestServices;

/**
 * The one application context the tests share (same configuration, so Spring caches it): the real
 * engine, the real web server on a random port, an in-memory database, no job executor, a real
 * SMTP server and MQTT broker ({@link TestServices}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SmartOpsServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestServices.class)
public @interface SmartOpsTest {
}
