#!/usr/bin/python3
# Writes the .xls fixture test-xls-reader reads (no C library here writes
# BIFF): make-xls.py OUT.xls. Exits 77 when python3-xlwt is missing.
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import sys

try:
    import xlwt
except ImportError:
    sys.exit(77)

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("客户")
other = book.add_sheet("Other")
other.write(0, 0, "WRONG SHEET")

date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
datetime_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")

for column, title in enumerate(["姓名", "金额", "生日", "电话"]):
    sheet.write(0, column, title)
sheet.write(1, 0, "张三")
sheet.write(1, 1, 1234.5)
sheet.write(1, 2, datetime.date(1990, 5, 17), date_style)
sheet.write(1, 3, "13800138000")
sheet.write(2, 0, "李四")
sheet.write(2, 1, 42)
# C3 is a gap; row 4 is empty.
sheet.write(2, 3, "0755-8888 1234")
sheet.write(4, 0, "王五")
sheet.write(4, 2, datetime.datetime(2024, 2, 29, 8, 30, 0), datetime_style)
sheet.write(4, 3, True)

book.save(sys.argv[1])
