package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.jobs.ForwardingJobService;
import dev.gridexec.jobs.JobService;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingJobServiceTest {

    @Test
    void forwardsEveryMethodOfJobServiceTheDefaultOnesIncluded() {
        List<String> missing = Arrays.stream(JobService.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declares(m))
                .map(Method::getName)
                .toList();
        assertThat(missing).as("JobService methods ForwardingJobService does not pass on").isEmpty();
    }

    private static boolean declares(Method method) {
        try {
            ForwardingJobService.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
