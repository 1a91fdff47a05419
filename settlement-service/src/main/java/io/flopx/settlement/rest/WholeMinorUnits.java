package io.flopx.settlement.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Money is a whole number of minor units: Jackson would otherwise read {@code 12.5} into a long as 12,
 * silently. A fraction is a 400 naming the field instead.
 */
@Singleton
public class WholeMinorUnits implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
