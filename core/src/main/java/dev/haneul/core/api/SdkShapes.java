package dev.haneul.core.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Bridges Haneul's value trees (maps keyed by model member names) and the AWS SDK for Java v2's
 * generated request/response classes, so providers work with typed, model-generated shapes
 * ({@code CreateDbClusterRequest}, {@code DBCluster.builder()…}) instead of hand-typed ones.
 *
 * <p>It reads the SDK's own field metadata ({@link SdkField#memberName()}, list and map traits,
 * nested builders) — the same metadata the SDK's unmarshallers use — so nothing here knows a
 * particular service. SDK "auto-construct" empty collections mean "not set" and are skipped.
 */
public final class SdkShapes {

    private SdkShapes() {}

    /** Builds an SDK object of {@code builder}'s type from a value tree. */
    @SuppressWarnings("unchecked")
    public static <T> T toSdk(SdkBuilder<?, T> builder, Map<String, Object> tree) {
        fill((SdkPojo) builder, tree);
        return builder.build();
    }

    /** The value tree of an SDK object (a response, or any nested shape). */
    public static Map<String, Object> toTree(SdkPojo pojo) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
                continue;
            }
            out.put(field.memberName(), fromSdk(field, value));
        }
        return out;
    }

    private static void fill(SdkPojo builder, Map<String, Object> tree) {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = tree.get(field.memberName());
            if (value != null) {
                field.set(builder, toSdk(field, value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object toSdk(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            fill(nested, (Map<String, Object>) value);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (Object item : (List<Object>) value) {
                out.add(item == null ? null : toSdk(member, item));
            }
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> out.put(k, v == null ? null : toSdk(member, v)));
            return out;
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray((byte[]) value);
        }
        if (value instanceof Number n) {
            if (type == MarshallingType.INTEGER) {
                return n.intValue();
            }
            if (type == MarshallingType.LONG) {
                return n.longValue();
            }
            if (type == MarshallingType.DOUBLE) {
                return n.doubleValue();
            }
            if (type == MarshallingType.FLOAT) {
                return n.floatValue();
            }
            if (type == MarshallingType.SHORT) {
                return n.shortValue();
            }
            if (type == MarshallingType.BYTE) {
                return n.byteValue();
            }
            if (type == MarshallingType.BIG_DECIMAL) {
                return new BigDecimal(n.toString());
            }
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Object fromSdk(SdkField<?> field, Object value) {
        return switch (value) {
            case SdkPojo pojo -> toTree(pojo);
            case List<?> list -> {
                SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    out.add(item == null ? null : fromSdk(member, item));
                }
                yield out;
            }
            case Map<?, ?> map -> {
                SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<String, Object>) map).forEach((k, v) -> out.put(k, v == null ? null : fromSdk(member, v)));
                yield out;
            }
            case SdkBytes bytes -> bytes.asByteArray();
            default -> value;
        };
    }
}
