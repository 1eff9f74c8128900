package io.smartops.core.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request field that may hold any JSON value because what it may be depends on something the
 * request names (a call's ground truth is what its agent's output can be): the reader named here
 * bounds it, and refuses with a 400 naming the field whatever it cannot be.
 */
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface JudgedByItsReader {

	/** The reader that bounds the value, in words: "AgentQuality: as the output of the call's agent". */
	String value();
}
