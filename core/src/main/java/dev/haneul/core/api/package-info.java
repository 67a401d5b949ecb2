/**
 * What a service is to the server: the {@link dev.haneul.core.api.ServiceProvider} SPI (found
 * through {@link dev.haneul.core.api.ServiceProviderFactory}), what the server hands it
 * ({@link dev.haneul.core.api.ServiceEnvironment}), who is calling
 * ({@link dev.haneul.core.api.RequestContext}), how it binds operations to methods
 * ({@link dev.haneul.core.api.Operations}), and errors as typed data
 * ({@link dev.haneul.core.api.ErrorType}, {@link dev.haneul.core.api.CommonErrors},
 * {@link dev.haneul.core.api.ServiceErrors}): providers throw, only the gateway serialises.
 */
@NullMarked
package dev.haneul.core.api;

import org.jspecify.annotations.NullMarked;
