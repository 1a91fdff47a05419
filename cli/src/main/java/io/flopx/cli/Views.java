package io.flopx.cli;

import io.flopx.client.model.AcceleratorModel;
import io.flopx.client.model.BalanceView;
import io.flopx.client.model.BookSummary;
import io.flopx.client.model.HubView;
import io.flopx.client.model.LeaseView;
import io.flopx.client.model.MarketOfferingView;
import io.flopx.client.model.OfferingView;
import io.flopx.client.model.OrderView;
import io.flopx.client.model.PriceIndex;
import io.flopx.client.model.QuotedFill;
import io.flopx.client.model.RevenueRow;
import io.flopx.client.model.SiteView;
import io.flopx.client.model.StatementLineView;
import io.flopx.client.model.TradeRow;

/** The columns each kind of row shows in a table and in CSV (JSON has every field the API gives). */
final class Views {

    private Views() {}

    static final Columns<OrderView> ORDERS = Columns.of(OrderView.class)
            .add("ID", OrderView::getId)
            .add("STATUS", o -> o.getStatus() + (o.getStatusReason() == null ? "" : " " + o.getStatusReason()))
            .add("ASKS", Views::asks)
            .add("HOURS", OrderView::getDurationHours)
            .add("EARLIEST", OrderView::getEarliestStart)
            .add("LIMIT", o -> Money.format(o.getLimitPrice(), o.getCurrency()))
            .add("FILLED", o -> o.getTotals() == null ? "" : filled(o))
            .add(
                    "COST",
                    o -> o.getTotals() == null ? "" : Money.format(o.getTotals().getCost(), o.getCurrency()));

    static final Columns<QuotedFill> QUOTED_FILLS = Columns.of(QuotedFill.class)
            .add("HUB", QuotedFill::getHub)
            .add("MODEL", QuotedFill::getModel)
            .add("DEVICES", QuotedFill::getDevices)
            .add("START", QuotedFill::getStart)
            .add("END", QuotedFill::getEnd)
            .add("PRICE/DEVICE-H", f -> Money.format(f.getPricePerDeviceHour(), f.getCurrency()))
            .add("COST", f -> Money.format(f.getCost(), f.getCurrency()));

    static final Columns<SiteView> SITES = Columns.of(SiteView.class)
            .add("ID", SiteView::getId)
            .add("NAME", SiteView::getName)
            .add("HUB", SiteView::getHub)
            .add("CLUSTER", SiteView::getCluster)
            .add("PUE", SiteView::getPue)
            .add("GREEN", SiteView::getGreenRating)
            .add("INTERCONNECT", SiteView::getInterconnect);

    static final Columns<OfferingView> OFFERINGS = Columns.of(OfferingView.class)
            .add("ID", OfferingView::getId)
            .add("STATUS", OfferingView::getStatus)
            .add("MODEL", OfferingView::getModel)
            .add("HUB", OfferingView::getHub)
            .add("DEVICES", OfferingView::getDevices)
            .add("FROM", OfferingView::getAvailableFrom)
            .add("UNTIL", OfferingView::getAvailableUntil)
            .add("PRICE/DEVICE-H", o -> Money.format(o.getPricePerDeviceHour(), o.getCurrency()));

    static final Columns<MarketOfferingView> CAPACITY = Columns.of(MarketOfferingView.class)
            .add("ID", MarketOfferingView::getId)
            .add("MODEL", MarketOfferingView::getModel)
            .add("HUB", MarketOfferingView::getHub)
            .add("DEVICES", MarketOfferingView::getDevices)
            .add("FROM", MarketOfferingView::getAvailableFrom)
            .add("UNTIL", MarketOfferingView::getAvailableUntil)
            .add("PUE", MarketOfferingView::getPue)
            .add("GREEN", MarketOfferingView::getGreenRating)
            .add("PRICE/DEVICE-H", o -> Money.format(o.getPricePerDeviceHour(), o.getCurrency()));

    static final Columns<LeaseView> LEASES = Columns.of(LeaseView.class)
            .add("ID", LeaseView::getId)
            .add("ORDER", LeaseView::getOrderId)
            .add("SELLER", LeaseView::getSeller)
            .add("DELIVERED BY", LeaseView::getDeliveredBy)
            .add("DEVICES", LeaseView::getDevices)
            .add("START", LeaseView::getStart)
            .add("END", LeaseView::getEnd)
            .add("COST", l -> Money.format(l.getCost(), l.getCurrency()));

    static final Columns<RevenueRow> REVENUE = Columns.of(RevenueRow.class)
            .add("DAY", RevenueRow::getDay)
            .add("OFFERING", RevenueRow::getOfferingId)
            .add("LEASES", RevenueRow::getLeases)
            .add("REVENUE", r -> Money.format(r.getRevenue(), r.getCurrency()));

    static final Columns<AcceleratorModel> MODELS = Columns.of(AcceleratorModel.class)
            .add("ID", AcceleratorModel::getId)
            .add("VENDOR", AcceleratorModel::getVendor)
            .add("KIND", AcceleratorModel::getKind)
            .add("MEMORY GB", AcceleratorModel::getMemoryGb)
            .add("TDP W", AcceleratorModel::getTdpWatts);

    static final Columns<HubView> HUBS = Columns.of(HubView.class)
            .add("ID", HubView::getId)
            .add("NAME", HubView::getName)
            .add("SIDE", HubView::getSide);

    static final Columns<BookSummary> DEPTH = Columns.of(BookSummary.class)
            .add("HUB", BookSummary::getHub)
            .add("MODEL", BookSummary::getModel)
            .add("OFFERINGS", BookSummary::getOfferings)
            .add("DEVICES", BookSummary::getDevicesListed)
            .add("BEST ASK", b -> Money.format(b.getBestAsk(), b.getCurrency()))
            .add("FROM", BookSummary::getBestAskFrom)
            .add("BIDS", BookSummary::getRestingOrders)
            .add("BEST BID", b -> Money.format(b.getBestBid(), b.getCurrency()))
            .add("LAST", b -> Money.format(b.getLastPrice(), b.getCurrency()))
            .add("TRADES", BookSummary::getTrades);

    static final Columns<TradeRow> TRADES = Columns.of(TradeRow.class)
            .add("AT", t -> t.getTrade().getAt())
            .add("HUB", TradeRow::getHub)
            .add("MODEL", TradeRow::getModel)
            .add("DEVICES", t -> t.getTrade().getDevices())
            .add("HOURS", t -> t.getTrade().getHours())
            .add("PRICE/DEVICE-H", t -> Money.format(t.getTrade().getPricePerDeviceHour(), t.getCurrency()));

    static final Columns<PriceIndex> INDEX = Columns.of(PriceIndex.class)
            .add("PRECISION", PriceIndex::getPrecision)
            .add("BEST ASK/PFLOP-H", p -> Money.format(p.getBestAskPerPflopHour(), p.getCurrency()))
            .add("TRADED/PFLOP-H", p -> Money.format(p.getTradedPerPflopHour(), p.getCurrency()))
            .add("RECENT TRADES", PriceIndex::getRecentTrades);

    static final Columns<BalanceView> BALANCES = Columns.of(BalanceView.class)
            .add("CURRENCY", BalanceView::getCurrency)
            .add("AVAILABLE", b -> Money.format(b.getAvailable(), b.getCurrency()))
            .add("BUYING POWER", b -> Money.format(b.getBuyingPower(), b.getCurrency()))
            .add("HELD", b -> Money.format(b.getHeld(), b.getCurrency()))
            .add("ESCROW", b -> Money.format(b.getEscrow(), b.getCurrency()))
            .add("PAYABLE", b -> Money.format(b.getPayable(), b.getCurrency()))
            .add("VOUCHERS", b -> Money.format(b.getVouchers(), b.getCurrency()));

    static final Columns<StatementLineView> STATEMENT = Columns.of(StatementLineView.class)
            .add("AT", StatementLineView::getAt)
            .add("KIND", StatementLineView::getKind)
            .add("ACCOUNT", StatementLineView::getAccount)
            .add("AMOUNT", l -> Money.format(l.getAmount(), l.getCurrency()))
            .add("BALANCE", l -> Money.format(l.getBalanceAfter(), l.getCurrency()))
            .add("REFERENCE", StatementLineView::getReference);

    private static String asks(OrderView o) {
        String models = o.getModels() == null || o.getModels().isEmpty() ? "any" : String.join("|", o.getModels());
        return "DEVICES".equals(o.getKind())
                ? o.getDevices() + " x " + models
                : Printer.text(o.getTflops()) + " TFLOPS " + o.getPrecision();
    }

    private static String filled(OrderView o) {
        return "DEVICES".equals(o.getKind())
                ? o.getTotals().getFilledDevices() + (o.getTotals().getFilledDevices() == 1 ? " device" : " devices")
                : Printer.text(o.getTotals().getFilledTflops()) + " TFLOPS";
    }
}
