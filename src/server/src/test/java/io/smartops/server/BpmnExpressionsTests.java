package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.smartops.SmartOpsTest;

/**
 * Every expression of every shipped BPMN (and of the element templates) that calls a bean resolves
 * against the server's context without running it: the bean exists, its class and method are
 * public (the engine's expression language calls them by reflection), and the method takes as
 * many arguments as the expression passes. One wiring style: BPMN reaches Java by bean-method
 * expressions ({@code ${bean.method(execution)}}), never by delegate expressions or classes.
 */
@SmartOpsTest
class BpmnExpressionsTests {

	/** Names the engine itself puts in an expression's scope: not beans. */
	static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "caseExecution", "authenticatedUserId",
			"dateTime", "now");

	/** {@code name.method(} at the start of a term (not after a dot): a call on a root name. */
	static final Pattern ROOT_CALL = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)\\.(\\w+)\\(");

	static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}");

	@Autowired
	ApplicationContext context;

	@Test
	void everyBeanTheShippedProcessesCallExistsWithThatMethod() throws Exception {
		List<String> problems = new ArrayList<>();
		int calls = 0;
		for (Path file : shippedFiles()) {
			String xml = Files.readString(file).replace("&#x27;", "'").replace("&#39;", "'").replace("&quot;", "\"")
				.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
			Matcher expression = EXPRESSION.matcher(xml);
			while (expression.find()) {
				String el = expression.group(1);
				Matcher call = ROOT_CALL.matcher(el);
				while (call.find()) {
					String bean = call.group(1);
					if (ENGINE_NAMES.contains(bean)) {
						continue;
					}
					calls++;
					int arguments = arguments(el, call.end());
					String problem = check(bean, call.group(2), arguments);
					if (problem != null) {
						problems.add(file.getFileName() + ": ${" + el + "}: " + problem);
					}
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(calls).as("bean calls found in the shipped BPMN").isGreaterThan(30);
	}

	private String check(String bean, String method, int arguments) {
		if (!context.containsBean(bean)) {
			return "no bean named " + bean;
		}
		Class<?> type = AopUtils.getTargetClass(context.getBean(bean));
		if (!Modifier.isPublic(type.getModifiers())) {
			return type.getName() + " is not public";
		}
		boolean found = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(method))
			.map(Method::getParameterCount).anyMatch(count -> count == arguments);
		return found ? null : type.getSimpleName() + " has no public " + method + " taking " + arguments + " argument(s)";
	}

	/** How many arguments the call whose parenthesis opened just before {@code start} passes. */
	static int arguments(String el, int start) {
		int depth = 0;
		int count = 0;
		boolean any = false;
		char quote = 0;
		for (int i = start; i < el.length(); i++) {
			char c = el.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				continue;
			}
			if (c == '\'' || c == '"') {
				quote = c;
				any = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				if (depth == 0) {
					return any ? count + 1 : 0;
				}
				depth--;
			}
			else if (c == ',' && depth == 0) {
				count++;
			}
			else if (!Character.isWhitespace(c)) {
				any = true;
			}
		}
		throw new IllegalArgumentException("unbalanced call in ${" + el + "}");
	}

	static List<Path> shippedFiles() throws Exception {
		try (Stream<Path> processes = Files.list(Path.of("processes"));
				Stream<Path> templates = Files.list(Path.of("processes/.camunda/element-templates"))) {
			List<Path> files = new ArrayList<>(processes.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList());
			files.addAll(templates.filter(f -> f.toString().endsWith(".json")).toList());
			assertThat(files).hasSizeGreaterThan(6);
			return files;
		}
	}
}
