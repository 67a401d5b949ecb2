package dev.haneul.core.api;

import dev.haneul.core.protocol.OperationModel;
import java.util.List;
import java.util.Map;

/**
 * Who Haneul's own surfaces (the dashboard) may act as, and the check of each of their calls as
 * that principal. A provider that implements it (IAM) is found among the providers, as
 * interceptors and control routes are, so the dashboard never imports IAM.
 *
 * <p>The dashboard calls providers in-process, past the gateway's chain: without this check its
 * actions would bypass {@code HANEUL_AUTH=iam}. With it, an action is decided exactly as the same
 * operation through the API would be for that principal, recorded in the decision log, and
 * refused with AWS's {@code AccessDenied} message.
 */
public interface ActingPrincipals {

    /** Whether calls are authorized at all ({@code HANEUL_AUTH=iam}); when not, every principal may do everything. */
    boolean enforcing();

    /** The principals one may act as: the account's root first, then the IAM users, then the roles. */
    List<ActingPrincipal> principals();

    /**
     * Decides whether {@code principalArn} (an entry of {@link #principals()}) may run
     * {@code operation} of {@code provider} with {@code input} in {@code region}.
     *
     * @return the caller's ARN as AWS names it (a role acts as {@code arn:aws:sts::…:assumed-role/R/S})
     * @throws AwsServiceException AWS's {@code AccessDenied} (in the provider's protocol's code) when
     *     the principal may not, {@code InvalidParameterValue} when it is not one of {@link #principals()}
     */
    String authorize(String principalArn, ServiceProvider provider, OperationModel operation,
                     Map<String, Object> input, String region);

    /**
     * Decides a read of the dashboard's pages ({@code Describe*}, {@code List*}) as {@link #authorize}
     * does, without recording it in the decision log: the pages read every second while open, and
     * the log is for what people do.
     *
     * @throws AwsServiceException as {@link #authorize}
     */
    void authorizeRead(String principalArn, ServiceProvider provider, OperationModel operation,
                       Map<String, Object> input, String region);

    /**
     * A principal one may act as.
     *
     * @param arn its ARN (the IAM user or role, or the account's root)
     * @param kind {@code root}, {@code user} or {@code role}
     * @param name its name ({@code root} for the account)
     */
    record ActingPrincipal(String arn, String kind, String name) {}
}
