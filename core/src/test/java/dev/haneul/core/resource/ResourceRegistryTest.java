package dev.haneul.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceRegistryTest {

    /** A view one service offers another. */
    interface Greeter {
        String greet();
    }

    @Test
    void findsPublishedViewsByArnAndType() {
        ResourceRegistry registry = new ResourceRegistry();
        Greeter hello = () -> "hello";
        registry.publish("arn:aws:x:us-east-1:000000000000:thing/1", Greeter.class, hello);
        assertThat(registry.find("arn:aws:x:us-east-1:000000000000:thing/1", Greeter.class)).contains(hello);
        assertThat(registry.find("arn:aws:x:us-east-1:000000000000:thing/2", Greeter.class)).isEmpty();
        assertThat(registry.find("arn:aws:x:us-east-1:000000000000:thing/1", Runnable.class)).isEmpty();
        assertThat(registry.all(Greeter.class)).containsOnlyKeys("arn:aws:x:us-east-1:000000000000:thing/1");
        registry.withdrawAll("arn:aws:x:us-east-1:000000000000:thing/1");
        assertThat(registry.all(Greeter.class)).isEmpty();
    }

    @Test
    void subscribersHearOfWhatIsAlreadyThereThenOfChanges() {
        ResourceRegistry registry = new ResourceRegistry();
        registry.publish("a", Greeter.class, () -> "a");
        List<String> heard = new ArrayList<>();
        ResourceRegistry.Subscription subscription = registry.subscribe(Greeter.class, new ResourceRegistry.Listener<>() {
            @Override
            public void published(String arn, Greeter view) {
                heard.add("+" + arn + ":" + view.greet());
            }

            @Override
            public void withdrawn(String arn) {
                heard.add("-" + arn);
            }
        });
        registry.publish("b", Greeter.class, () -> "b");
        registry.withdraw("a", Greeter.class);
        registry.withdraw("never", Greeter.class);
        subscription.close();
        registry.publish("c", Greeter.class, () -> "c");
        assertThat(heard).containsExactly("+a:a", "+b:b", "-a");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        ResourceRegistry registry = new ResourceRegistry();
        List<String> heard = new ArrayList<>();
        registry.subscribe(Greeter.class, (arn, view) -> {
            throw new IllegalStateException("boom");
        });
        registry.subscribe(Greeter.class, (arn, view) -> heard.add(arn));
        registry.publish("a", Greeter.class, () -> "a");
        assertThat(heard).containsExactly("a");
        assertThat(registry.find("a", Greeter.class)).isPresent();
    }
}
