package io.flopx.order.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Stores a list of ids (hubs, models) as one comma-separated column; those ids never contain commas. */
@Converter
public class IdListConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> hubs) {
        return hubs == null ? "" : String.join(",", hubs);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        if (column == null || column.isEmpty()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.asList(column.split(",")));
    }
}
